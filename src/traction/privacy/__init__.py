"""Personal data (UK GDPR): erasing a person from the record, and a subject-access export of what is held."""
