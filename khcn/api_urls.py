"""REST API routes (token or session authentication; same scoping as the pages)."""

from rest_framework.routers import DefaultRouter

from cooperation.api.views import AgreementViewSet
from documents.api.views import DocumentViewSet
from events.api.views import EventViewSet
from experts.api.views import ExpertViewSet
from indicators.api.views import IndicatorTargetViewSet, IndicatorValueViewSet, IndicatorViewSet
from ip.api.views import AuthorisedUserViewSet, ProductViewSet, TitleViewSet
from market.api.views import ConnectionViewSet, NeedViewSet, OfferViewSet
from notifications.api.views import NotificationViewSet
from organisations.api.views import FundViewSet, OrganisationViewSet
from orgunits.api.views import OrgUnitViewSet
from plans.api.views import PlanViewSet, TaskViewSet
from projects.api.views import ProjectViewSet
from reminders.api.views import ReminderLogViewSet
from reporting.api.views import IssueViewSet, ReportingRoundViewSet, UnitReportViewSet

router = DefaultRouter()
router.register("units", OrgUnitViewSet, basename="unit")
router.register("documents", DocumentViewSet, basename="document")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("organisation-funds", FundViewSet, basename="organisation-fund")
router.register("projects", ProjectViewSet, basename="project")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("events", EventViewSet, basename="event")
router.register("experts", ExpertViewSet, basename="expert")
router.register("ip-products", ProductViewSet, basename="ip-product")
router.register("ip-titles", TitleViewSet, basename="ip-title")
router.register("ip-authorised-users", AuthorisedUserViewSet, basename="ip-authorised-user")
router.register("market-offers", OfferViewSet, basename="market-offer")
router.register("market-needs", NeedViewSet, basename="market-need")
router.register("market-connections", ConnectionViewSet, basename="market-connection")
router.register("plans", PlanViewSet, basename="plan")
router.register("tasks", TaskViewSet, basename="task")
router.register("reporting-rounds", ReportingRoundViewSet, basename="reporting-round")
router.register("unit-reports", UnitReportViewSet, basename="unit-report")
router.register("issues", IssueViewSet, basename="issue")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("reminder-logs", ReminderLogViewSet, basename="reminder-log")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("indicator-values", IndicatorValueViewSet, basename="indicator-value")
router.register("indicator-targets", IndicatorTargetViewSet, basename="indicator-target")

urlpatterns = router.urls
