"""The module under which django-zxcvbn-password-validator's translations are installed
(apps.ZxcvbnMessagesConfig): the app's catalogue, without importing the package and its word lists."""
