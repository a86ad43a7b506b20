"""The protocol lifecycle's events, and asking to read the protocol and reminding, in words
(see audit/events.py)."""

from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.events import EventKind, register

TYPES = {"on": "date", "decided_on": "date", "adopted_on": "date"}

register(
    EventKind("protocol_concept_created", "checks", _("protocol concept made"),
              _("%(actor)s made a concept of the protocol (number %(adoption)s)")),
    EventKind("protocol_concept_edited", "checks", _("protocol concept changed"),
              _("%(actor)s changed the protocol concept number %(adoption)s")),
    EventKind("protocol_concept_deleted", "checks", _("protocol concept deleted"),
              _("%(actor)s deleted the protocol concept number %(adoption)s")),
    EventKind("protocol_article_added", "checks", _("article added to a protocol concept"),
              _("%(actor)s added article %(article)s to the protocol concept number "
                "%(adoption)s")),
    EventKind("protocol_article_removed", "checks",
              _("article removed from a protocol concept"),
              _("%(actor)s removed article %(article)s from the protocol concept number "
                "%(adoption)s")),
    EventKind("protocol_submitted", "checks", _("protocol submitted for instemming"),
              _("%(actor)s submitted %(protocol)s %(version)s to %(bodies)s for instemming on "
                "%(on)s"),
              types=TYPES),
    EventKind("protocol_instemming_recorded", "checks", _("instemming recorded"),
              _("%(actor)s recorded the decision of %(body)s on %(protocol)s %(version)s "
                "(%(outcome)s, %(decided_on)s)"), types=TYPES),
    EventKind("protocol_adopted", "checks", _("protocol adopted"),
              _("%(actor)s recorded that %(protocol)s %(version)s was adopted on "
                "%(adopted_on)s"), types=TYPES),
    EventKind("protocol_put_in_force", "checks", _("protocol put in force"),
              _("%(actor)s put %(protocol)s %(version)s in force from %(on)s"), types=TYPES),
    EventKind("protocol_came_into_force", "checks", _("protocol came into force"),
              _("%(protocol)s %(version)s came into force at the school")),
    EventKind("protocol_reading_asked", "checks", _("asked to read the protocol"),
              _("%(actor)s asked %(count)s people to read the protocol in force"),
              types={"count": "text"}),
    EventKind("protocol_reading_reminded", "checks", _("reminded to read the protocol"),
              _("%(actor)s reminded %(count)s people to read the protocol in force"),
              types={"count": "text"}),
    EventKind("acknowledgement_settings_changed", "checks",
              _("asking parents to read the protocol changed"),
              _("%(actor)s stopped asking parents to read the protocol"),
              variants=(({"ask_parents": True},
                         _("%(actor)s chose to ask parents to read the protocol")),)),
    # Importing the school's own document (branch i16-impui).
    EventKind("protocol_document_imported", "checks", _("protocol document imported"),
              _("%(actor)s imported the protocol document %(file)s (%(articles)s articles, "
                "%(proposals)s with proposed rules)")),
    EventKind("protocol_import_saved", "checks", _("imported protocol saved as a concept"),
              _("%(actor)s saved the imported protocol as concept number %(adoption)s "
                "(%(confirmed)s proposals confirmed, %(dropped)s dropped)")),
)
