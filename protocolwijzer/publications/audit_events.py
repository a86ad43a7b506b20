"""The publication log's events in words (see audit/events.py). A task's events have the
pupil as their object, so the log names them where the reader may see them."""

from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.events import EventKind, register

TYPES = {"channel": "channel", "due": "date"}

register(
    EventKind("publication_logged", "publications", _("publication logged"),
              _("%(actor)s logged photos on %(channel)s (students on them: %(students)s)"),
              variants=(({"kind": "video"}, _(
                  "%(actor)s logged a video on %(channel)s (students in it: "
                  "%(students)s)")),),
              types=TYPES),
    EventKind("publication_viewed", "publications", _("publication viewed"),
              _("%(actor)s viewed a publication (students on it: %(students)s)")),
    EventKind("publications_listed", "publications", _("publication log viewed"),
              _("%(actor)s viewed the publication log")),
    EventKind("publication_taken_offline", "publications", _("publication offline"),
              _("%(actor)s marked a publication as no longer online")),
    EventKind("takedown_task_created", "publications", _("take-down task made"),
              _("%(target)s has to come off a publication, by %(due)s"),
              variants=(
                  ({"reason": "withdrawn"}, _(
                      "Consent was withdrawn: %(target)s has to come off a publication, "
                      "by %(due)s")),
                  ({"reason": "student_refused"}, _(
                      "%(target)s said no: they have to come off a publication, by "
                      "%(due)s")),
                  ({"reason": "no_consent"}, _(
                      "%(target)s was logged on a publication without consent and has to "
                      "come off it, by %(due)s"))),
              types=TYPES),
    EventKind("takedown_task_done", "publications", _("take-down task done"),
              _("%(actor)s took %(target)s off a publication"),
              variants=(({"done_as": "replaced"}, _(
                  "%(actor)s replaced a publication with a version in which %(target)s "
                  "cannot be recognised")),)),
    EventKind("takedown_task_not_needed", "publications", _("take-down no longer needed"),
              _("Consent for %(target)s was given again: their take-down task is no "
                "longer needed")),
    EventKind("takedown_task_viewed", "publications", _("take-down task viewed"),
              _("%(actor)s viewed the take-down task of %(target)s")),
    EventKind("takedown_tasks_listed", "publications", _("take-down tasks viewed"),
              _("%(actor)s viewed the take-down tasks (%(open)s to do)")),
    EventKind("takedown_tasks_overdue", "publications", _("take-down tasks overdue"),
              _("%(tasks)s take-down tasks passed their due date; communicatie was told")),
    EventKind("takedown_terms_changed", "publications", _("take-down term changed"),
              _("%(actor)s set the take-down term to %(working_days)s working days and "
                "the publication log's retention to %(retention_months)s months")),
    EventKind("publication_log_purged", "publications",
              _("publication log cleared after the retention period"),
              _("After the retention period, %(publications)s publications and "
                "%(tasks)s take-down tasks were removed from the log")),
)
