# Ilmiö production image: gunicorn serves config.wsgi on port 8000; the same image runs the Celery
# worker and scheduler (see docker-compose.yml). Configured only by environment variables.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH=/app/.venv/bin:$PATH

# WeasyPrint's libraries, a font for PDFs, gettext for the translations, Voikko with its Finnish
# dictionary (names in free text, base-form search; `check --deploy` requires it).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
        libvoikko1 voikko-fi \
    && rm -rf /var/lib/apt/lists/*

RUN pip install uv

WORKDIR /app

# Dependencies first, from the lock file only, so that code changes reuse this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN uv sync --frozen --no-dev

# Static files and translations are built into the image. The values below exist only so that the
# settings load during the build; the real ones come from the environment at run time.
RUN ILMIO_ENV=production \
    SECRET_KEY=build-only-not-a-secret \
    DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 \
    EMAIL_URL=consolemail:// \
    sh -c 'python manage.py collectstatic --noinput \
        && if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then \
               python manage.py compilemessages --ignore=.venv --ignore=var; fi'

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin ilmio \
    && mkdir -p /app/var/media /app/var/celery \
    && chown -R ilmio:ilmio /app/var
USER ilmio

EXPOSE 8000
# docker-compose.yml checks /health/ with bin/healthcheck.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
