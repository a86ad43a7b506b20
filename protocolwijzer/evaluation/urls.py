from django.urls import path

from protocolwijzer.evaluation import views

app_name = "evaluation"

# The yearly evaluation of the protocol (issue 16), beside the MR's figures.
urlpatterns = [
    path("school/<int:school_id>/evaluatie/", views.evaluation, name="evaluation"),
    path("school/<int:school_id>/evaluatie.pdf", views.evaluation_pdf, name="pdf"),
    path("school/<int:school_id>/evaluatie.csv", views.evaluation_csv, name="csv"),
]
