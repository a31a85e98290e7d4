"""Member post bodies in Wagtail's rich text format, so the page editor opens them.

Bodies stored before this had ``<br>`` unclosed (the editor failed with
"Unmatched tags") and quotes made of paragraphs. The page row and every saved
revision (the editor opens the latest one) are rewritten; nothing is lost,
the text reads the same when shown.
"""

from django.db import migrations


def repair_bodies(apps, schema_editor):
    from knowledge.posts.richtext import member_html_to_richtext
    from knowledge.posts.ugc import clean_member_html

    def repaired(body):
        return member_html_to_richtext(clean_member_html(body or ""))

    Post = apps.get_model("knowledge", "KnowledgePostPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for post in Post.objects.all():
        body = repaired(post.body)
        if body != post.body:
            Post.objects.filter(pk=post.pk).update(body=body)
    content_type = ContentType.objects.filter(
        app_label="knowledge", model="knowledgepostpage"
    ).first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type):
        body = revision.content.get("body")
        if body is not None and repaired(body) != body:
            revision.content["body"] = repaired(body)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0004_members_and_posts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair_bodies, migrations.RunPython.noop)]
