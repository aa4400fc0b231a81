from django.urls import path

from portal.views import data, moderation, public, registries, reviews

app_name = "portal"
urlpatterns = [
    path("", public.home, name="home"),
    path("ke-hoach/<uuid:pk>/", public.plan_detail, name="plan"),
    path("nhiem-vu-khcn/", public.projects, name="projects"),
    path("nhiem-vu-khcn/<uuid:pk>/", public.project_detail, name="project"),
    path("cho-cong-nghe/", public.market, name="market"),
    path("cho-cong-nghe/<uuid:pk>/", public.offer_detail, name="offer"),
    path("bao-cao/", reviews.review_list, name="reviews"),
    path("bao-cao/<uuid:pk>/", reviews.review_detail, name="review"),
    path("bao-cao/<uuid:pk>/tai-ve.<str:fmt>", reviews.review_file, name="review_file"),
    path("giam-sat/<uuid:pk>/", public.conclusion, name="conclusion"),
    path("phan-bien/<uuid:pk>/", public.critique, name="critique"),
    path("dang-ky/<slug:slug>/", registries.registry_list, name="registry"),
    path("dang-ky/<slug:slug>/<uuid:pk>/", registries.registry_detail, name="registry_detail"),
    path("y-kien/", public.feedback_list, name="feedback_list"),
    path("y-kien/gui/", public.feedback_form, name="feedback"),
    path("tra-cuu/", public.track, name="track"),
    path("tra-cuu/<str:code>/", public.track, name="track_code"),
    path("du-lieu/", data.open_data, name="open_data"),
    path("du-lieu/<str:name>.<str:fmt>", data.dataset, name="dataset"),
    path("sitemap.xml", data.sitemap, name="sitemap"),
    path("kiem-duyet/", moderation.QueueView.as_view(), name="queue"),
    path("kiem-duyet/<uuid:pk>/", moderation.ModerateView.as_view(), name="moderate"),
]
