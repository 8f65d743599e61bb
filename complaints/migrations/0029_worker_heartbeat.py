from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0028_routing_rule_trial'),
    ]

    operations = [
        migrations.CreateModel(
            name='WorkerHeartbeat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hostname', models.CharField(max_length=255, unique=True, verbose_name='worker')),
                ('seen_at', models.DateTimeField(db_index=True, verbose_name='last seen')),
            ],
            options={
                'verbose_name': 'worker heartbeat',
                'verbose_name_plural': 'worker heartbeats',
            },
        ),
    ]
