from django.urls import path

from practice.views import exports, history, offline, player, programs, reminders

app_name = "practice"

urlpatterns = [
    path("routines/<slug:slug>/start/", player.start, name="start"),
    path("sessions/<int:pk>/", player.play, name="player"),
    path("sessions/<int:pk>/begin/", player.begin, name="begin"),
    path("sessions/<int:pk>/next/", player.next_step, name="next"),
    path("sessions/<int:pk>/skip/", player.skip_step, name="skip"),
    path("sessions/<int:pk>/back/", player.back, name="back"),
    path("sessions/<int:pk>/pause/", player.pause, name="pause"),
    path("sessions/<int:pk>/resume/", player.resume, name="resume"),
    path("sessions/<int:pk>/finish/", player.finish, name="finish"),
    path("sessions/<int:pk>/review/", player.review, name="review"),
    path("sessions/<int:pk>/discard/", player.discard, name="discard"),
    path("sessions/<int:pk>/offline/", offline.offline_steps, name="offline_steps"),
    path("sessions/<int:pk>/replay/", offline.replay, name="replay"),
    path("history/", history.history, name="history"),
    path("history/export.csv", exports.export_csv, name="export_csv"),
    path("history/export.json", exports.export_json, name="export_json"),
    path("history/<int:pk>/", history.session_detail, name="history_detail"),
    path("history/<int:pk>/edit/", history.session_edit, name="history_edit"),
    path("history/<int:pk>/delete/", history.session_delete, name="history_delete"),
    path("programs/", programs.program_list, name="program_list"),
    path("programs/runs/<int:pk>/", programs.run_detail, name="run_detail"),
    path("programs/runs/<int:pk>/leave/", programs.leave, name="leave"),
    path("programs/<slug:slug>/", programs.program_detail, name="program_detail"),
    path("programs/<slug:slug>/join/", programs.join, name="join"),
    path("reminders/", reminders.reminder_page, name="reminders"),
    path("reminders/reset/", reminders.reset_link, name="reset_link"),
    path("reminders/<slug:token>.ics", reminders.feed, name="reminder_feed"),
]
