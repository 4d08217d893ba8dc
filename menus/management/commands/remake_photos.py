"""``manage.py remake_photos``: make the smaller copies, and the photo afresh (upright, without
EXIF), for menu photos stored before copies were made. Run it once after upgrading; a second
run finds nothing to do."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand

from core.errors import DomainError
from menus.models import MenuItem
from menus.services import menu_item_update


class Command(BaseCommand):
    help = "Make the smaller copies of menu photos stored before copies were made."

    def handle(self, *args, **options) -> None:
        remade = refused = 0
        for item in MenuItem.objects.exclude(image="").filter(image_medium="").iterator():
            with item.image.open("rb") as stored:
                photo = ContentFile(stored.read(), name=item.image.name)
            try:
                menu_item_update(item=item, image=photo)
            except DomainError as error:  # a stored file that is no photo: leave it for people
                refused += 1
                self.stderr.write(f"Menu item {item.id}: {error}")
            else:
                remade += 1
        if options["verbosity"]:
            self.stdout.write(f"Photos remade: {remade}, refused: {refused}.")
