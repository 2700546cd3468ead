import django
from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Prefetch
from django.utils import timezone
from django.utils.html import format_html

from .models import Program, ProgramDay, Routine, RoutineStep, Step, Study, Technique
from .templatetags.durations import duration


@admin.register(Technique)
class TechniqueAdmin(admin.ModelAdmin):
    list_display = ["name", "pressure", "tool", "step_count"]
    list_filter = ["pressure", "tool"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "pressure", "tool"]}),
        ("Honesty", {"fields": ["evidence_note", "cautions"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(step_total=Count("steps"))

    @admin.display(description="steps", ordering="step_total")
    def step_count(self, technique: Technique) -> int:
        return technique.step_total


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["title", "technique", "zone", "side", "direction", "duration_seconds"]
    list_filter = ["technique", "zone", "side", "pressure"]
    list_select_related = ["technique"]
    search_fields = ["title", "slug", "instruction", "cue"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["technique", "title", "slug"]}),
        ("Where and how", {"fields": ["zone", "side", "direction", "pressure"]}),
        ("Timing", {"fields": ["duration_seconds", "stroke_count"]}),
        ("Words", {"fields": ["instruction", "cue"]}),
    ]


class RoutineStepForm(forms.ModelForm):
    class Meta:
        model = RoutineStep
        fields = ["step", "position", "duration_override"]

    # Positions are checked across the whole formset, which holds every step
    # of the routine. Checking each row against the database as well would
    # reject a plain swap: the row moving to 2 still sees the stored 2.
    def validate_unique(self):
        exclude = self._get_validation_exclusions() | {"position"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)

    def validate_constraints(self):
        exclude = self._get_validation_exclusions() | {"position"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)


# The heading guests read above a routine that breaks the rule
# (templates/catalogue/_drainage_warning.html).
DRAINAGE_RULE = "Drainage order: open the neck first"


class RoutineStepFormSet(CustomInlineFormSet):
    def clean(self):
        super().clean()
        # The admin validates the routine form before its inlines, and that
        # puts the posted values on self.instance: this is the published
        # state the save asks for, not the stored one.
        if not self.instance.is_published or any(self.errors):
            return
        step = Routine.first_step_draining_before_the_neck(self.steps_after_save())
        if step is not None:
            raise ValidationError(
                f"{DRAINAGE_RULE}: “{step.title}” drains the face before any neck or "
                "collarbone step, so this routine cannot be published. Lymph from the face "
                "flows into the nodes of the neck and above the collarbones, which open first. "
                "Move a neck or collarbone step above it, or untick “Published” to save a draft.",
                code="drains_before_opening_the_neck",
            )

    def steps_after_save(self) -> list[Step]:
        """The routine's steps, with their techniques, in the order this save leaves them.

        Deleted rows and untouched blank rows are left out; every other row
        takes the position posted for it, and a new row without one goes last,
        where save_new() will put it.
        """
        rows = []
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            position = form.cleaned_data.get("position") or 0  # 0 or none: save_new() appends
            rows.append(((position == 0, position, index), form.cleaned_data["step"].pk))
        steps = Step.objects.select_related("technique").in_bulk(pk for _, pk in rows)
        return [steps[pk] for _, pk in sorted(rows)]

    def save(self, commit=True):
        with transaction.atomic():
            # Move every row whose position changes out of the way first, so
            # that saving them one by one never collides with a stored position.
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk and "position" in form.changed_data
            ]
            RoutineStep.objects.filter(pk__in=moving).update(position=F("position") + 10_000)
            return super().save(commit)


def _count_sentence(count: int, done: str) -> str:
    return f"{count} routine{'' if count == 1 else 's'} {done}."


class CheckedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, minus a crash on a forged id.

    To show the chosen step again on a form with errors, the widget looks the
    posted id up; an id that is not a number at all, or one larger than the
    database can hold (SQLite raises OverflowError), makes that lookup fail:
    a server error for the curator. Such a value is left out of the lookup;
    the field's own validation already says it is not a valid choice.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        low, high = connection.ops.integer_field_range(target.get_internal_type())
        usable = []
        for item in value:
            try:
                number = target.to_python(item)
            except ValidationError:
                continue
            if low <= number <= high:
                usable.append(item)
        return super().optgroups(name, usable, attr)


class OrderedInline(SortableTabularInline):
    """Children in a drag-and-drop order: a routine's steps, a program's days."""

    # django-admin-sortable2 2.3.1's Django 6.0 inline (6.1's is unchanged),
    # with buttons that move a row one place, from the keyboard too.
    template = "admin/edit_inline/ordered_tabular.html"
    extra = 0

    class Media:
        css = {"all": ["css/admin_reorder.css"]}
        js = ["js/admin_reorder.js"]

    # max_num is also the most forms a post can make Django build: by default
    # it builds up to 2,000 for whatever total a post claims.
    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoutineStepInline(OrderedInline):
    model = RoutineStep
    form = RoutineStepForm
    formset = RoutineStepFormSet
    autocomplete_fields = ["step"]
    # Far beyond any routine.
    max_num = 100


@admin.register(Routine)
class RoutineAdmin(SortableAdminBase, admin.ModelAdmin):
    inlines = [RoutineStepInline]
    list_display = [
        "title",
        "goal",
        "owner",
        "total_time",
        "step_count",
        "is_published",
        "site_link",
    ]
    list_filter = ["is_published", "goal", ("owner", admin.EmptyFieldListFilter)]
    list_select_related = ["owner"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["owner"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "goal", "description"]}),
        ("Publishing", {"fields": ["is_published", "owner"]}),
    ]

    @property
    def media(self):
        # sortable2 swaps admin/js/actions.js for a patched copy it only ships
        # up to Django 6.0; a missing file breaks the hashed static manifest.
        media = super().media
        missing = "adminsortable2/js/actions-{}.{}.js".format(*django.VERSION[:2])
        js = [
            "adminsortable2/js/actions-6.0.js" if path == missing else path for path in media._js
        ]
        return forms.Media(css=media._css, js=js)

    def get_queryset(self, request):
        return super().get_queryset(request).with_total_seconds()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Publishing such an order is refused by RoutineStepFormSet.clean();
        # a draft may keep it, but the curator should know before guests do.
        routine_steps = RoutineStep.objects.filter(routine=form.instance)
        step = Routine.first_step_draining_before_the_neck(
            routine_step.step for routine_step in routine_steps.select_related("step__technique")
        )
        if step is not None:
            messages.warning(
                request,
                f"{DRAINAGE_RULE}: “{step.title}” drains the face before any neck or "
                "collarbone step, and the routine's page warns about it. Move a neck or "
                "collarbone step above it; until then the routine cannot be published.",
            )

    @admin.action(description="Publish the selected routines", permissions=["change"])
    def publish(self, request, queryset) -> None:
        """Publish curated routines, refusing any the change form would refuse."""
        steps = RoutineStep.objects.select_related("step__technique")
        to_publish, refusals = [], []
        for routine in queryset.prefetch_related(Prefetch("routine_steps", queryset=steps)):
            if routine.owner_id is not None:
                refusals.append(
                    f"“{routine.title}” is a person's own routine: it stays private to them."
                )
            elif step := Routine.first_step_draining_before_the_neck(
                routine_step.step for routine_step in routine.routine_steps.all()
            ):
                refusals.append(
                    f"{DRAINAGE_RULE}: “{routine.title}” was not published: “{step.title}” "
                    "drains the face before any neck or collarbone step. Move a neck or "
                    "collarbone step above it first."
                )
            elif not routine.is_published:
                to_publish.append(routine.pk)
        # A change like any other: updated_at moves (the home page's cards, cards_version).
        published = Routine.objects.filter(pk__in=to_publish).update(
            is_published=True, updated_at=timezone.now()
        )
        if published:
            self.message_user(request, _count_sentence(published, "published"), messages.SUCCESS)
        for refusal in refusals:
            self.message_user(request, refusal, messages.ERROR)
        if not published and not refusals:
            self.message_user(request, "Those routines were already published.", messages.INFO)

    @admin.action(description="Unpublish the selected routines", permissions=["change"])
    def unpublish(self, request, queryset) -> None:
        """Take routines off the site; logged sessions keep their snapshots."""
        unpublished = queryset.filter(is_published=True).update(
            is_published=False, updated_at=timezone.now()
        )
        if unpublished:
            self.message_user(
                request,
                _count_sentence(unpublished, "unpublished")
                + " Sessions already logged keep what they showed.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "Those routines were not published.", messages.INFO)

    @admin.display(description="total time", ordering="total_seconds")
    def total_time(self, routine: Routine) -> str:
        return duration(routine.total_seconds)

    @admin.display(description="steps", ordering="step_count")
    def step_count(self, routine: Routine) -> int:
        return routine.step_count

    @admin.display(description="on the site")
    def site_link(self, routine: Routine) -> str:
        return format_html('<a href="{}">View</a>', routine.get_absolute_url())


# --- Programs: days in order, with the same drag-and-drop as a routine's steps ---


class ProgramDayForm(forms.ModelForm):
    class Meta:
        model = ProgramDay
        fields = ["routine", "position"]

    # As RoutineStepForm: positions are checked across the whole formset, so
    # that swapping two days is not refused against the stored positions.
    def validate_unique(self):
        exclude = self._get_validation_exclusions() | {"position"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)

    def validate_constraints(self):
        exclude = self._get_validation_exclusions() | {"position"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)


class ProgramDayFormSet(CustomInlineFormSet):
    def save(self, commit=True):
        with transaction.atomic():
            # As RoutineStepFormSet: rows changing place move out of the way first.
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk and "position" in form.changed_data
            ]
            ProgramDay.objects.filter(pk__in=moving).update(position=F("position") + 10_000)
            return super().save(commit)


class ProgramDayInline(OrderedInline):
    model = ProgramDay
    form = ProgramDayForm
    formset = ProgramDayFormSet
    autocomplete_fields = ["routine"]
    # Six months of days.
    max_num = 200
    verbose_name = "day"
    verbose_name_plural = "days (leave the routine empty for a rest day)"


@admin.register(Program)
class ProgramAdmin(SortableAdminBase, admin.ModelAdmin):
    inlines = [ProgramDayInline]
    list_display = ["title", "goal", "day_count", "session_count", "is_published", "site_link"]
    list_filter = ["is_published", "goal"]
    search_fields = ["title", "slug", "description"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "goal", "description"]}),
        ("Honesty", {"fields": ["evidence_note"]}),
        ("Publishing", {"fields": ["is_published"]}),
    ]

    @property
    def media(self):
        # As RoutineAdmin: sortable2 ships its patched actions script only up
        # to Django 6.0, and a missing file breaks the hashed static manifest.
        media = super().media
        missing = "adminsortable2/js/actions-{}.{}.js".format(*django.VERSION[:2])
        js = [
            "adminsortable2/js/actions-6.0.js" if path == missing else path for path in media._js
        ]
        return forms.Media(css=media._css, js=js)

    def get_queryset(self, request):
        return super().get_queryset(request).with_day_counts()

    @admin.display(description="days", ordering="day_count")
    def day_count(self, program: Program) -> int:
        return program.day_count

    @admin.display(description="sessions", ordering="session_count")
    def session_count(self, program: Program) -> int:
        return program.session_count

    @admin.display(description="on the site")
    def site_link(self, program: Program) -> str:
        return format_html('<a href="{}">View</a>', program.get_absolute_url())


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "size", "position"]
    list_editable = ["position"]
    list_filter = ["techniques"]
    search_fields = ["authors", "title", "source", "outcome"]
    filter_horizontal = ["techniques"]
    prepopulated_fields = {"slug": ["authors", "year"]}
    fieldsets = [
        (None, {"fields": ["authors", "year", "title", "source", "slug", "link"]}),
        ("In plain words", {"fields": ["design", "size", "length", "outcome", "limits"]}),
        ("Where it shows", {"fields": ["techniques", "position"]}),
    ]
