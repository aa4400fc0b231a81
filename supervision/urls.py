from django.urls import path

from supervision.views import critique, recommendations, supervisions

app_name = "supervision"
urlpatterns = [
    path("", supervisions.HomeView.as_view(), name="home"),
    path("programmes/new/", supervisions.ProgrammeCreateView.as_view(), name="programme_create"),
    path(
        "programmes/<uuid:pk>/supervisions/new/",
        supervisions.SupervisionCreateView.as_view(),
        name="supervision_create",
    ),
    path("<uuid:pk>/", supervisions.SupervisionDetailView.as_view(), name="detail"),
    path("<uuid:pk>/edit/", supervisions.SupervisionEditView.as_view(), name="edit"),
    path("<uuid:pk>/conclusion/", supervisions.ConclusionView.as_view(), name="conclusion"),
    path("<uuid:pk>/report.docx", supervisions.ExportView.as_view(), name="export"),
    path("<uuid:pk>/report.<str:fmt>", supervisions.ExportView.as_view(), name="export_as"),
    path("<uuid:pk>/recommend/", recommendations.IssueView.as_view(), name="recommend"),
    path(
        "recommendations/<uuid:pk>/",
        recommendations.RecommendationDetailView.as_view(),
        name="recommendation",
    ),
    path("recommendations/<uuid:pk>/answer/", recommendations.AnswerView.as_view(), name="answer"),
    path("recommendations/<uuid:pk>/close/", recommendations.CloseView.as_view(), name="close"),
    path("recommendations/<uuid:pk>/reopen/", recommendations.ReopenView.as_view(), name="reopen"),
    path("dashboard/", recommendations.DashboardView.as_view(), name="dashboard"),
    path(
        "critique/plans/<uuid:pk>/submit/",
        critique.CritiqueSubmitView.as_view(),
        name="critique_submit",
    ),
    path("critique/<uuid:pk>/", critique.CritiqueDetailView.as_view(), name="critique"),
    path("critique/<uuid:pk>/invite/", critique.InviteView.as_view(), name="critique_invite"),
    path("critique/<uuid:pk>/comment/", critique.CommentView.as_view(), name="critique_comment"),
    path("critique/<uuid:pk>/point/", critique.PointView.as_view(), name="critique_point"),
    path("critique/<uuid:pk>/send/", critique.SendView.as_view(), name="critique_send"),
    path("critique/<uuid:pk>/answer/", critique.AnswerPointView.as_view(), name="critique_answer"),
    path(
        "critique/<uuid:pk>/publish/",
        critique.PublishCritiqueView.as_view(),
        name="critique_publish",
    ),
]
