from rest_framework import serializers

from projects.models import Application, BudgetLine, Project


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["source", "year", "amount"]


class ApplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Application
        fields = [
            "applier",
            "place",
            "year",
            "area_ha",
            "households",
            "output",
            "benefits",
            "is_replication",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    applications = ApplicationSerializer(many=True, read_only=True)
    host_name = serializers.CharField(source="host.name", default="", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "version",
            "code",
            "title",
            "kind",
            "level",
            "science_field",
            "status",
            "list_year",
            "unit",
            "managing_unit",
            "proposer",
            "host",
            "host_name",
            "principal_investigator",
            "selection_method",
            "contract_number",
            "contract_signed_on",
            "start_date",
            "end_date",
            "estimated_budget",
            "accepted_on",
            "rating",
            "registration_number",
            "registered_on",
            "is_published",
            "budget_lines",
            "applications",
        ]
