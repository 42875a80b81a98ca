from django.contrib import messages


def report_errors(request, error) -> None:
    """Show each message of a refused action (a ValidationError) on the next page."""
    for message in error.messages:
        messages.error(request, message)
