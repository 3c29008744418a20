"""Background work on images, through Django's tasks framework (settings.TASKS)."""

from django_tasks import task
from wagtail.images import get_image_model


@task()
def generate_renditions(image_id):
    """Make the renditions readers' pages use of one image, so that no reader waits for them."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted before the worker came to it
        return 0
    return len(image.generate_public_renditions())
