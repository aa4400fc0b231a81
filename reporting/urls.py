from django.urls import path

from reporting.views import evidence, issues, reports, rounds

app_name = "reporting"
urlpatterns = [
    path("", reports.MyReportsView.as_view(), name="my_reports"),
    path("plans/<uuid:pk>/", rounds.PlanCalendarView.as_view(), name="plan_calendar"),
    path(
        "plans/<uuid:pk>/schedules/new/",
        rounds.ScheduleCreateView.as_view(),
        name="schedule_create",
    ),
    path("plans/<uuid:pk>/rounds/new/", rounds.RoundCreateView.as_view(), name="round_create"),
    path(
        "schedules/<uuid:pk>/generate/", rounds.GenerateRoundsView.as_view(), name="generate_rounds"
    ),
    path("rounds/<uuid:pk>/", rounds.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<uuid:pk>/derive/", rounds.DeriveReportsView.as_view(), name="derive_reports"),
    path("reports/<uuid:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<uuid:pk>/approve/", reports.ReportApproveView.as_view(), name="report_approve"),
    path("reports/<uuid:pk>/review/", reports.ReportReviewView.as_view(), name="report_review"),
    path(
        "reports/<uuid:pk>/evidence/", evidence.EvidenceUploadView.as_view(), name="evidence_upload"
    ),
    path("reports/<uuid:pk>/revisions/", reports.RevisionListView.as_view(), name="revisions"),
    path("reports/<uuid:pk>/compare/", reports.RevisionCompareView.as_view(), name="compare"),
    path("evidence/<uuid:pk>/", evidence.EvidenceDownloadView.as_view(), name="evidence_download"),
    path(
        "evidence/<uuid:pk>/delete/", evidence.EvidenceDeleteView.as_view(), name="evidence_delete"
    ),
    path("sections/<uuid:pk>/promote/", issues.PromoteIssueView.as_view(), name="promote_issue"),
    path("issues/", issues.IssueListView.as_view(), name="issue_list"),
    path("issues/<uuid:pk>/", issues.IssueDetailView.as_view(), name="issue_detail"),
    path("issues/<uuid:pk>/edit/", issues.IssueEditView.as_view(), name="issue_edit"),
]
