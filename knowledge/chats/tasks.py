"""Background work for chat imports, run through django-tasks."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext
from django_tasks import task

from ..models import ChatImportJob
from .importers import ChatFormatError
from .services import chat_import

logger = logging.getLogger(__name__)


def progress_key(job_id: int) -> str:
    return f"knowledge:chat-import:{job_id}"


def job_progress(job: ChatImportJob) -> dict:
    """Progress of a running job (kept in the cache: saving the job row after every
    batch would add a write transaction per batch, which SQLite's members wait for)."""
    return cache.get(progress_key(job.pk)) or {
        "bytes_done": job.bytes_done,
        "messages_read": job.messages_read,
    }


@task()
def run_chat_import(job_id: int) -> int:
    """Import one uploaded export; the job records progress, result or error."""
    job = ChatImportJob.objects.get(pk=job_id)
    job.status = ChatImportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(bytes_done, messages_read):
        cache.set(
            progress_key(job_id),
            {"bytes_done": bytes_done, "messages_read": messages_read},
            timeout=3600,
        )

    try:
        return _run(job, progress)
    finally:
        # The raw export holds QQ numbers and wxids: never keep it once read.
        job.upload.delete(save=False)
        ChatImportJob.objects.filter(pk=job.pk).update(upload="")
        cache.delete(progress_key(job_id))


def _run(job: ChatImportJob, progress) -> int:
    """The import itself; records the result or the error on the job."""
    try:
        with job.upload.open("rb") as file:
            result = chat_import(
                file=file,
                filename=job.original_name or job.upload.name,
                format=job.format,
                archive_title=job.archive_title,
                group_name=job.group_name,
                session=job.session,
                privacy=job.privacy,
                timezone=job.timezone,
                use_remarks=job.use_remarks,
                user=job.created_by,
                progress=progress,
            )
    except (ChatFormatError, ValueError) as exc:
        return _failed(job, str(exc))
    except Exception:
        # A bug, not a bad file: the editor gets a sentence, the log the traceback.
        logger.exception("chat import job %s (%s) failed", job.pk, job.original_name)
        return _failed(
            job, gettext("Could not import this file; the reason was logged.")
        )
    job.status = ChatImportJob.Status.DONE
    job.bytes_done = job.bytes_total
    job.messages_read = result.messages_read
    job.messages_added = result.messages_added
    job.finished_at = timezone.now()
    job.save()
    job.archives.set(result.archives)
    return result.messages_added


def _failed(job: ChatImportJob, error: str) -> int:
    job.status = ChatImportJob.Status.FAILED
    job.error = error
    job.finished_at = timezone.now()
    job.save()
    return 0
