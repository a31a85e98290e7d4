"""The admin's document form: Wagtail's, with a size limit on the file."""

from wagtail.documents.forms import BaseDocumentForm

from sessions.community.uploads import validate_upload_size


class DocumentForm(BaseDocumentForm):
    """Refuses files over CHENDIAN_MAX_DOCUMENT_UPLOAD_MB before they are stored."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if "file" in self.changed_data:
            validate_upload_size(file, setting="CHENDIAN_MAX_DOCUMENT_UPLOAD_MB")
        return file
