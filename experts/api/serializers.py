from typing import Any

from rest_framework import serializers

from experts.models import GROUPS, Expert


class ExpertSerializer(serializers.ModelSerializer):
    """Field groups the person did not consent to are left out for everyone but the record's
    managers (the view passes who sees everything in ``context["sees_all"]``)."""

    class Meta:
        model = Expert
        fields = [
            "id", "version", "full_name", "birth_year", "gender", "degree", "academic_title",
            "field", "affiliation", "keywords", "email", "phone", "projects", "is_anonymised",
        ]  # fmt: skip

    def to_representation(self, instance: Expert) -> dict[str, Any]:
        data = super().to_representation(instance)
        sees_all = self.context.get("sees_all", lambda expert: False)
        shown = instance.shown_groups(full=sees_all(instance))
        for group, names in GROUPS.items():
            if group not in shown:
                for name in names:
                    if name not in ("degree", "academic_title", "field"):
                        data.pop(name, None)
        return data
