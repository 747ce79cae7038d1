"""Co-development pages, a module per topic. Every page fetches its process through
DevelopmentProcess.objects.visible_to (not visible: 404; visible but not allowed: 403) and runs a service
through core.pages.attempt, the one way a refusal comes back as a form error or a message."""
