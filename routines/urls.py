from django.urls import path

from routines.views import catalogue, editor, history, my_routines, player

app_name = "routines"

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("routines/", catalogue.routine_list, name="routine_list"),
    path("routines/<slug:slug>/", catalogue.routine_detail, name="routine_detail"),
    path("routines/<slug:slug>/start/", player.start, name="start"),
    path("routines/<slug:slug>/copy/", my_routines.copy_routine, name="copy"),
    path("my-routines/", my_routines.my_routines, name="my_routines"),
    path("my-routines/new/", my_routines.new_routine, name="new_routine"),
    path("my-routines/<slug:slug>/edit/", editor.edit_routine, name="edit"),
    path("my-routines/<slug:slug>/rename/", editor.rename_routine, name="rename"),
    path("my-routines/<slug:slug>/add/", editor.add_step, name="add_step"),
    path("my-routines/<slug:slug>/remove/", editor.remove_step, name="remove_step"),
    path("my-routines/<slug:slug>/move/", editor.move_step, name="move_step"),
    path("my-routines/<slug:slug>/order/", editor.reorder_steps, name="reorder_steps"),
    path("my-routines/<slug:slug>/duration/", editor.set_duration, name="set_duration"),
    path("my-routines/<slug:slug>/delete/", my_routines.delete_routine, name="delete"),
    path("sessions/<int:pk>/", player.player, name="player"),
    path("sessions/<int:pk>/begin/", player.begin, name="begin"),
    path("sessions/<int:pk>/next/", player.next_step, name="next"),
    path("sessions/<int:pk>/skip/", player.skip_step, name="skip"),
    path("sessions/<int:pk>/back/", player.back, name="back"),
    path("sessions/<int:pk>/pause/", player.pause, name="pause"),
    path("sessions/<int:pk>/resume/", player.resume, name="resume"),
    path("sessions/<int:pk>/finish/", player.finish, name="finish"),
    path("sessions/<int:pk>/review/", player.review, name="review"),
    path("sessions/<int:pk>/discard/", player.discard, name="discard"),
    path("history/", history.history, name="history"),
    path("history/export.csv", history.export_csv, name="export_csv"),
    path("history/export.json", history.export_json, name="export_json"),
    path("history/<int:pk>/", history.session_detail, name="history_detail"),
    path("history/<int:pk>/edit/", history.session_edit, name="history_edit"),
    path("history/<int:pk>/delete/", history.session_delete, name="history_delete"),
]
