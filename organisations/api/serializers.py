from rest_framework import serializers

from organisations.models import Organisation, StFund


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "version", *Organisation.EDITABLE_FIELDS]


class FundSerializer(serializers.ModelSerializer):
    class Meta:
        model = StFund
        fields = ["id", "version", "organisation", *StFund.EDITABLE_FIELDS]
