// After django-otp-webauthn's script registers a passkey, go on to the next step (the page's data-done).
document.addEventListener("otp_webauthn.register_complete", () => {
  const done = document.getElementById("passkey-enrol").dataset.done;
  window.location.assign(done);
});
