from django.urls import path

from market import interchange
from market.views import connections, counts, listings

app_name = "market"
urlpatterns = [
    path("", listings.MarketHomeView.as_view(), name="home"),
    path("offers/", listings.OfferListView.as_view(), name="offers"),
    path("offers/new/", listings.OfferEditView.as_view(), name="offer_create"),
    path("offers/<uuid:pk>/", listings.OfferDetailView.as_view(), name="offer"),
    path("offers/<uuid:pk>/edit/", listings.OfferEditView.as_view(), name="offer_edit"),
    path(
        "offers/<uuid:pk>/status/<str:status>/",
        listings.OfferStatusView.as_view(),
        name="offer_status",
    ),
    path("needs/", listings.NeedListView.as_view(), name="needs"),
    path("needs/new/", listings.NeedEditView.as_view(), name="need_create"),
    path("needs/<uuid:pk>/", listings.NeedDetailView.as_view(), name="need"),
    path("needs/<uuid:pk>/edit/", listings.NeedEditView.as_view(), name="need_edit"),
    path(
        "needs/<uuid:pk>/status/<str:status>/",
        listings.NeedStatusView.as_view(),
        name="need_status",
    ),
    path("needs/<uuid:pk>/connect/", connections.ConnectionRequestView.as_view(), name="connect"),
    path("connections/", connections.ConnectionListView.as_view(), name="connections"),
    path("connections/<uuid:pk>/", connections.ConnectionDetailView.as_view(), name="connection"),
    path(
        "connections/<uuid:pk>/<str:step>/",
        connections.ConnectionStepView.as_view(),
        name="connection_step",
    ),
    path("export/offers.<str:fmt>", interchange.ExportView.as_view(), name="export"),
    path("import/", interchange.ImportView.as_view(), name="import"),
    path("feed/offers.atom", interchange.offer_feed, name="feed"),
    path("figures/", counts.FiguresView.as_view(), name="figures"),
    path("counted/<str:code>/", counts.CountedView.as_view(), name="counted"),
]
