from rest_framework.routers import SimpleRouter

from complaints.api import views

router = SimpleRouter()
router.register("complaints", views.ComplaintViewSet, basename="api-complaint")
router.register("departments", views.DepartmentViewSet, basename="api-department")
router.register("categories", views.CategoryViewSet, basename="api-category")

urlpatterns = router.urls
