from rest_framework import serializers

from organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "version", *Organisation.EDITABLE_FIELDS]
