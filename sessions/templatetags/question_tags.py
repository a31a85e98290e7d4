"""Where carried-over questions went, and where they came from."""

from django import template

from ..questions.models import SessionQuestion

register = template.Library()


@register.simple_tag
def carried_questions(page):
    """The questions this session carried over, each with ``.went_to`` (its copy)."""
    questions = list(
        page.questions.filter(status=SessionQuestion.Status.CARRIED)
        # Most sessions carry nothing over: prefetched, the copies and their
        # sessions are read only when there are some.
        .prefetch_related("carried_to__session")
        .order_by("-vote_count", "created_at")
    )
    for question in questions:
        question.went_to = question.carried_copy
    return [question for question in questions if question.went_to is not None]
