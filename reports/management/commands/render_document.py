from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from portal.models import Campaign, MemberUnit, User
from portal.permissions import Role
from reports.registry import REGISTRY


class Command(BaseCommand):
    help = "List the documents, or render one (filled, blank, or for a unit) to a file."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="A document's name, from --list.")
        parser.add_argument("--list", action="store_true", help="List every document.")
        parser.add_argument("--blank", action="store_true", help="The empty form.")
        parser.add_argument("--pk", type=int, help="The entry to fill the form with.")
        parser.add_argument("--unit", help="A member unit's short name (unit documents).")
        parser.add_argument(
            "--campaign", type=int, help="Campaign year (default: the current one)."
        )
        parser.add_argument("--format", default="pdf", help="pdf, docx, xlsx or html.")
        parser.add_argument("-o", "--output", help="File to write (default: the document's name).")

    def handle(self, *args, name, list, blank, pk, unit, campaign, format, output, **options):
        if list or not name:
            for slug, document in REGISTRY.items():
                extras = ", blank" if document.has_blank else ""
                self.stdout.write(
                    f"{slug:<14} {document.title}  [{', '.join(document.formats)}{extras}; {document.scope}]"
                )
            return
        if name not in REGISTRY:
            raise CommandError(f"No document named {name!r}; see --list.")
        document = REGISTRY[name]
        if campaign:
            the_campaign = Campaign.objects.filter(year=campaign).first()
        else:
            the_campaign = Campaign.objects.current()
        unit_id = None
        if unit:
            found = MemberUnit.objects.filter(short_name=unit).first()
            if found is None:
                raise CommandError(f"No member unit named {unit!r}.")
            unit_id = found.pk
        # The shell acts with staff rights: an unsaved administrator, never stored. It passes
        # the same check as the page does.
        operator = User(username="render_document", role=Role.ADMIN, is_active=True)
        try:
            data = document.data_for(
                user=operator, campaign=the_campaign, pk=pk, unit=unit_id, blank=blank
            )
            rendered = document.render(data, format)
        except PermissionDenied as error:
            raise CommandError(f"Not allowed: {error or name}") from error
        except Http404 as error:
            raise CommandError(
                f"Nothing to render: {error or 'check --pk / --unit / --blank / --campaign'}"
            ) from error
        path = Path(output or rendered.filename)
        path.write_bytes(rendered.content)
        self.stdout.write(f"{path} ({len(rendered.content)} bytes)")
