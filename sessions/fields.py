from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class WeekdaysField(models.CharField):
    """A set of weekdays (0 = Monday … 6 = Sunday), stored as "1,3".

    Edited as checkboxes; read as a sorted tuple of ints.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value in (None, ""):
            return ()
        if isinstance(value, (list, tuple)):
            days = value
        else:
            days = str(value).split(",")
        try:
            parsed = tuple(sorted({int(day) for day in days if str(day).strip() != ""}))
        except ValueError as error:
            raise ValidationError("Weekdays must be numbers 0–6.") from error
        if any(day not in range(7) for day in parsed):
            raise ValidationError("Weekdays must be numbers 0–6.")
        return parsed

    def get_prep_value(self, value):
        return ",".join(str(day) for day in self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        # Choices apply to each day, not to the stored string.
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        from .models.series import WEEKDAY_CHOICES

        return forms.TypedMultipleChoiceField(
            choices=WEEKDAY_CHOICES,
            coerce=int,
            required=not self.blank,
            label=self.verbose_name.capitalize() if self.verbose_name else None,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
