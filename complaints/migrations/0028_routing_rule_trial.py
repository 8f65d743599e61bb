from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0027_notices_to_nobody'),
    ]

    operations = [
        migrations.CreateModel(
            name='RoutingTrial',
            fields=[
            ],
            options={
                'verbose_name': 'Try the routing rules',
                'verbose_name_plural': 'Try the routing rules',
                'proxy': True,
                'default_permissions': (),
                'indexes': [],
                'constraints': [],
            },
            bases=('complaints.routingrule',),
        ),
    ]
