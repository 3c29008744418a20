"""The e-mail service provider's webhooks, /anymail/<esp>/tracking/ (docs/how-to/newsletters.md).

django-anymail's views, looked up in anymail.urls when a webhook is called rather than included in the site's
addresses: anymail.urls imports every provider's views, and Amazon SES's import boto3 and botocore, some 8 MB
in each web worker, which serves readers and may never receive a webhook.
"""

from django.urls import resolve
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt  # as anymail's views are: the provider signs in with basic authentication (WEBHOOK_SECRET)
def provider_webhook(request, route):
    match = resolve(f"/{route}", urlconf="anymail.urls")  # Resolver404 (a 404) for an unknown address
    return match.func(request, *match.args, **match.kwargs)
