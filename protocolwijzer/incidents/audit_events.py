"""The incidents' events in words (see audit/events.py). A case's events name its number;
people are named only where the reader of the log may see them (audit/wording.py). Free
text (reasons, references) is in the case's own history, not in the log."""

from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.events import EventKind, register

TYPES = {"decided_on": "date", "done_on": "date", "verdict": "verdict"}

register(
    EventKind("case_opened", "incidents", _("case opened"),
              _("Case %(case)s was opened for report %(report)s")),
    EventKind("case_handler_assigned", "incidents", _("case handler chosen"),
              _("%(actor)s gave case %(case)s to %(person)s")),
    EventKind("case_person_linked", "incidents", _("person linked to a case"),
              _("%(actor)s linked %(person)s to case %(case)s")),
    EventKind("case_triaged", "incidents", _("case triaged"),
              _("%(actor)s triaged case %(case)s against %(protocol)s %(version)s: "
                "%(verdict)s (%(articles)s)"), types=TYPES),
    EventKind("case_articles_set", "incidents", _("articles of a case corrected"),
              _("%(actor)s set the articles of case %(case)s to %(articles)s")),
    EventKind("case_severity_set", "incidents", _("severity of a case set"),
              _("%(actor)s classified case %(case)s as %(severity)s")),
    EventKind("case_duty_added", "incidents", _("duty added to a case"),
              _("Case %(case)s has a duty: %(duty)s (%(article)s)")),
    EventKind("case_measure_recorded", "incidents", _("measure recorded"),
              _("%(actor)s recorded the measure %(measure)s (%(article)s) for %(person)s "
                "in case %(case)s, decided on %(decided_on)s"), types=TYPES),
    EventKind("case_duty_done", "incidents", _("duty done"),
              _("%(actor)s recorded the duty %(duty)s of case %(case)s as done on "
                "%(done_on)s"), types=TYPES),
    EventKind("case_duty_waived", "incidents", _("duty waived"),
              _("%(actor)s waived the duty %(duty)s of case %(case)s, with a reason")),
    EventKind("case_closed", "incidents", _("case closed"),
              _("%(actor)s closed case %(case)s")),
    EventKind("case_shared", "incidents", _("case shared"),
              _("%(actor)s shared case %(case)s with %(person)s")),
    EventKind("case_read", "incidents", _("case read"),
              _("%(actor)s read case %(case)s")),
    EventKind("case_refused", "incidents", _("case refused"),
              _("%(actor)s tried to open case %(case)s and was refused"),
              variants=(({"what": "evidence"}, _(
                  "%(actor)s tried to open evidence of case %(case)s and was refused")),)),
    EventKind("cases_listed", "incidents", _("cases listed"),
              _("%(actor)s viewed the list of cases")),
    EventKind("evidence_viewed", "incidents", _("evidence viewed"),
              _("%(actor)s viewed evidence of case %(case)s")),
    EventKind("case_triage_overdue", "incidents", _("triage overdue"),
              _("Case %(case)s was not triaged in time; its handler was reminded")),
    EventKind("incident_settings_changed", "incidents", _("incident settings changed"),
              _("%(actor)s set the aanspreekpunt pesten to %(person)s, the triage term to "
                "%(triage_days)s days and the dossier retention to %(retention_years)s "
                "years")),
)

# Dossiers (dossier.py): reads, exports and refusals name the person whose file it is;
# the purge keeps counts only.
register(
    EventKind("dossier_read", "incidents", _("dossier read"),
              _("%(actor)s read the dossier of %(person)s"),
              variants=(({"copy": "subject"}, _(
                  "%(actor)s read their own copy of the dossier of %(person)s")),)),
    EventKind("dossier_exported", "incidents", _("dossier downloaded"),
              _("%(actor)s downloaded the dossier of %(person)s as PDF (%(entries)s "
                "entries)"),
              variants=(({"copy": "subject"}, _(
                  "%(actor)s downloaded their own copy of the dossier of %(person)s "
                  "(%(entries)s entries, AVG art. 15)")),)),
    EventKind("dossier_refused", "incidents", _("dossier refused"),
              _("%(actor)s tried to open the dossier of %(person)s and was refused")),
    EventKind("dossiers_purged", "incidents", _("dossier entries removed after the "
                                                "retention period"),
              _("After the retention period of %(retention_years)s years, %(entries)s "
                "dossier entries of %(people)s people who left before %(left_before)s "
                "were removed")),
)

# Reporting and questions (reporting.py, questions.py). An anonymous report's event has no
# actor and no IP address: there is nothing to name.
register(
    EventKind("report_made", "incidents", _("report made"),
              _("%(actor)s made report %(report)s"),
              variants=(({"channel": "anonymous"}, _(
                  "An anonymous report %(report)s came in for the aanspreekpunt pesten")),
                        ({"channel": "public"}, _(
                  "Report %(report)s came in through the public form")),
                        ({"channel": "guardian_link"}, _(
                  "%(person)s made report %(report)s through their parent's link")))),
    EventKind("question_asked", "incidents", _("question to the leidinggevende"),
              _("%(actor)s asked %(person)s for advice (in doubt)"),
              variants=(({"kind": "derailing"}, _(
                  "%(actor)s told %(person)s that something threatens to get out of "
                  "hand")),)),
    EventKind("question_answered", "incidents", _("question answered"),
              _("%(actor)s answered a question of %(person)s")),
)
