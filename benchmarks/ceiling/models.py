from django.db import models


class Row(models.Model):
    """One request's worth of data: about what a complaint's subject and body weigh."""

    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
