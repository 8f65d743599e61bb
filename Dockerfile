FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN useradd --create-home --uid 1000 portal
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=build-only DEBUG=false python manage.py collectstatic --noinput \
    && mkdir -p /app/var /srv/portal/private && chown -R portal /app/var /srv/portal
USER portal
EXPOSE 8000
CMD ["gunicorn", "housing_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
