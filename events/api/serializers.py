from rest_framework import serializers

from core.field_groups import PublishedGroupsSerializerMixin
from events import actions
from events.models import Event


class EventSerializer(PublishedGroupsSerializerMixin, serializers.ModelSerializer):
    # Beyond the record's owners, only its published field groups (``Event.FIELD_GROUPS``).
    sees_all = staticmethod(actions.sees_all)

    class Meta:
        model = Event
        fields = ["id", "version", *Event.EDITABLE_FIELDS, "participant_organisations"]
