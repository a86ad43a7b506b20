# Stored check results arrive with the web issue; the app is installed now so that its
# migrations start from the same place on every machine.
