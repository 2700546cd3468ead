"""The studies behind the techniques' evidence notes, shown in plain words on /evidence/."""

from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse

from .content import Technique


class Study(models.Model):
    authors = models.CharField(max_length=200, help_text='As cited, e.g. "Alam et al."')
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for a summary of several studies."
    )
    title = models.CharField(max_length=300)
    source = models.CharField(
        max_length=200, blank=True, help_text="The journal or publisher, when there is one."
    )
    slug = models.SlugField(max_length=100, unique=True, help_text="The anchor on /evidence/.")
    design = models.TextField(help_text="How the study was done, in plain words.")
    size = models.CharField(
        max_length=200, help_text='How many people: enrolled and finished, or "small".'
    )
    length = models.CharField(max_length=200, help_text="How long people took part.")
    outcome = models.TextField(help_text="What was found, without overstating it.")
    limits = models.TextField(help_text="What the study cannot tell us.")
    # URLField alone also accepts ftp and ftps; links here are for people
    # to follow in a browser, so only the web schemes.
    link = models.URLField(
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Optional: where to read it (http or https).",
    )
    techniques = models.ManyToManyField(
        Technique, related_name="studies", help_text="The techniques whose notes it backs."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order on the page, smallest first."
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name_plural = "studies"

    def __str__(self) -> str:
        when = f" {self.year}" if self.year else ""
        return f"{self.authors}{when}: {self.title}"

    def get_absolute_url(self) -> str:
        return f"{reverse('catalogue:evidence')}#{self.slug}"
