from rest_framework import serializers

from events.models import Event


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "version", *Event.EDITABLE_FIELDS, "participant_organisations"]
