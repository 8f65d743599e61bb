import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Depends on both 0028 migrations (made at the same time by other changes), which it also merges.
    dependencies = [
        ('complaints', '0029_worker_heartbeat'),
    ]

    operations = [
        migrations.CreateModel(
            name='RoutingSetAside',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('error_type', models.CharField(max_length=200, verbose_name='error')),
                ('error_message', models.TextField(blank=True, verbose_name='message')),
                ('traceback', models.TextField(blank=True, verbose_name='traceback')),
                ('attempts', models.PositiveIntegerField(default=1, verbose_name='tries')),
                ('first_failed_at', models.DateTimeField(verbose_name='first failed')),
                ('last_failed_at', models.DateTimeField(verbose_name='last failed')),
                ('complaint', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                                   related_name='routing_set_aside', to='complaints.complaint',
                                                   verbose_name='complaint')),
            ],
            options={
                'verbose_name': 'routing set aside',
                'verbose_name_plural': 'routing set aside',
                'ordering': ['first_failed_at', 'id'],
            },
        ),
    ]
