from django.urls import path

from catalogue.views import editor, evidence, my_routines, routines

app_name = "catalogue"

urlpatterns = [
    path("", routines.home, name="home"),
    path("evidence/", evidence.evidence, name="evidence"),
    path("routines/", routines.routine_list, name="routine_list"),
    path("routines/<slug:slug>/", routines.routine_detail, name="routine_detail"),
    path(
        "routines/<slug:slug>/cautions/",
        routines.acknowledge_cautions,
        name="acknowledge_cautions",
    ),
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
]
