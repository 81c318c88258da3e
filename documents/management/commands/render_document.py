"""Render one document to a PDF file synchronously (for operators and debugging)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.models import OfficialDocument
from documents.pdf import render_document_pdf


class Command(BaseCommand):
    help = "Tạo bản PDF của một văn bản ngay lập tức: render_document <id> -o file.pdf"

    def add_arguments(self, parser):
        parser.add_argument("document_id", type=int)
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--preview", action="store_true", help="In dấu “DỰ THẢO”.")

    def handle(self, *args, document_id, output, preview, **options):
        document = OfficialDocument.objects.filter(pk=document_id).first()
        if document is None:
            raise CommandError(f"Không có văn bản số {document_id}.")
        Path(output).write_bytes(render_document_pdf(document, preview=preview))
        self.stdout.write(f"Đã ghi {output}.")
