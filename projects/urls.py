from django.urls import path

from projects import change_views, views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("new/", views.ProposalView.as_view(), name="create"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("<uuid:pk>/", views.ProjectDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", views.ProposalView.as_view(), name="edit"),
    path("<uuid:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("<uuid:pk>/list/", views.ListStepView.as_view(), name="list_step"),
    path("<uuid:pk>/select/", views.SelectView.as_view(), name="select"),
    path("<uuid:pk>/contract/", views.ContractView.as_view(), name="contract"),
    path("<uuid:pk>/start/", views.StartView.as_view(), name="start"),
    path("<uuid:pk>/resume/", views.ResumeView.as_view(), name="resume"),
    path("<uuid:pk>/disburse/", views.DisburseView.as_view(), name="disburse"),
    path("<uuid:pk>/check/", views.CheckView.as_view(), name="check"),
    path("<uuid:pk>/adjust/", views.AdjustView.as_view(), name="adjust"),
    path("<uuid:pk>/suspend/", views.SuspendView.as_view(), name="suspend"),
    path("<uuid:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("<uuid:pk>/accept/", views.AcceptView.as_view(), name="accept"),
    path("<uuid:pk>/register/", views.RegisterView.as_view(), name="register"),
    path("<uuid:pk>/apply/", views.ApplicationView.as_view(), name="apply"),
    path("<uuid:pk>/team/", change_views.TeamView.as_view(), name="team"),
    path("<uuid:pk>/budget/", change_views.BudgetChangeView.as_view(), name="budget"),
    path("<uuid:pk>/documents/", change_views.DocumentsView.as_view(), name="documents"),
]
