from django.urls import path

from reporting import issue_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.MyReportsView.as_view(), name="my_reports"),
    path("plans/<uuid:pk>/", views.PlanCalendarView.as_view(), name="plan_calendar"),
    path(
        "plans/<uuid:pk>/schedules/new/", views.ScheduleCreateView.as_view(), name="schedule_create"
    ),
    path("plans/<uuid:pk>/rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path(
        "schedules/<uuid:pk>/generate/", views.GenerateRoundsView.as_view(), name="generate_rounds"
    ),
    path("rounds/<uuid:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<uuid:pk>/derive/", views.DeriveReportsView.as_view(), name="derive_reports"),
    path("reports/<uuid:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<uuid:pk>/approve/", views.ReportApproveView.as_view(), name="report_approve"),
    path("reports/<uuid:pk>/review/", views.ReportReviewView.as_view(), name="report_review"),
    path("reports/<uuid:pk>/evidence/", views.EvidenceUploadView.as_view(), name="evidence_upload"),
    path("reports/<uuid:pk>/revisions/", views.RevisionListView.as_view(), name="revisions"),
    path("reports/<uuid:pk>/compare/", views.RevisionCompareView.as_view(), name="compare"),
    path("evidence/<uuid:pk>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("evidence/<uuid:pk>/delete/", views.EvidenceDeleteView.as_view(), name="evidence_delete"),
    path(
        "sections/<uuid:pk>/promote/", issue_views.PromoteIssueView.as_view(), name="promote_issue"
    ),
    path("issues/", issue_views.IssueListView.as_view(), name="issue_list"),
    path("issues/<uuid:pk>/", issue_views.IssueDetailView.as_view(), name="issue_detail"),
    path("issues/<uuid:pk>/edit/", issue_views.IssueEditView.as_view(), name="issue_edit"),
]
