"""`Onion-Location` on every page when the newsroom runs an onion service: Tor Browser offers readers the
same page at the onion address (https://community.torproject.org/onion-services/advanced/onion-location/)."""

from .announce import onion_base


class OnionLocationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and not request.path.startswith(
            "/admin/"
        ):
            onion = onion_base()
            if onion:
                response["Onion-Location"] = onion + request.get_full_path()
        return response
