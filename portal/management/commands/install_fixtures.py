from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the fixtures under fixtures/ (the 2021 campaign of the notice), adding the rows "
        "that are missing and never overwriting a row that exists, so that it is safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", help="Fixture files; default: every fixtures/*.json file."
        )

    @transaction.atomic
    def handle(self, *args, files, **options):
        paths = [Path(f) for f in files] or sorted((settings.BASE_DIR / "fixtures").glob("*.json"))
        for path in paths:
            added = kept = 0
            with path.open(encoding="utf-8") as stream:
                # Natural keys resolve each row to the existing one (pk set) or to a new one.
                for deserialized in serializers.deserialize(
                    "json", stream, handle_forward_references=True
                ):
                    if deserialized.object.pk is not None:
                        kept += 1
                        continue
                    deserialized.save()
                    added += 1
            self.stdout.write(f"{path.name}: {added} added, {kept} already there")
