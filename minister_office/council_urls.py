"""The Ministry Council's pages, included under /<lang>/minister/council/."""

from django.urls import path

from minister_office import council_views as views

app_name = "council"
urlpatterns = [
    path("", views.session_list, name="sessions"),
    path("<int:session_id>/", views.session_page, name="session"),
    path("<int:session_id>/agenda/", views.agenda, name="agenda"),
    path("<int:session_id>/invite/", views.invite, name="invite"),
    path("<int:session_id>/items/<int:item_id>/", views.outcome, name="outcome"),
    path("<int:session_id>/minutes/", views.minutes, name="minutes"),
    path("<int:session_id>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:follow_up_id>/close/", views.close_follow_up, name="close_follow_up"),
]
