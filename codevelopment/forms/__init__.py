"""Forms of co-development, by topic. They check the shape of input only; the rules live in the services,
whose refusals come back through core.forms.DomainErrorMixin with what was typed kept."""
