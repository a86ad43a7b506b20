"""Links the events that exist already into the chain, in id order, so an upgraded
database verifies. Their actor gets a pseudonym; their role at the time is unknown (blank).
"""

import secrets

from django.db import migrations

from protocolwijzer.audit import chain


def compute_chain(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditActor = apps.get_model("audit", "AuditActor")
    using = schema_editor.connection.alias
    pseudonyms = {}
    previous = chain.GENESIS
    for event in AuditEvent.objects.using(using).order_by("pk").iterator(chunk_size=2000):
        if event.actor_id is not None and event.actor_id not in pseudonyms:
            actor, _ = AuditActor.objects.using(using).get_or_create(user_id=event.actor_id)
            pseudonyms[event.actor_id] = str(actor.pseudonym)
        row = {"created_at": event.created_at,
               "actor_pseudonym": pseudonyms.get(event.actor_id, ""),
               "actor_role": event.actor_role, "action": event.action,
               "school_id": event.school_id, "object_type": event.object_type,
               "salt": secrets.token_hex(16), "actor_email": event.actor_email,
               "ip": event.ip, "object_id": event.object_id, "detail": event.detail}
        personal = chain.personal_hash(row)
        link = chain.chain_hash(row, previous, personal)
        AuditEvent.objects.using(using).filter(pk=event.pk).update(
            actor_pseudonym=row["actor_pseudonym"], salt=row["salt"],
            personal_hash=personal, previous_hash=previous, chain_hash=link)
        previous = link


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_actor_pseudonym_and_chain_fields")]

    operations = [migrations.RunPython(compute_chain, migrations.RunPython.noop)]
