from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0034_one_time_codes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='onetimecode',
            name='purpose',
            field=models.CharField(choices=[('tracking', 'Following the complaint'), ('adding', 'Adding to an open complaint')], max_length=16, verbose_name='purpose'),
        ),
    ]
