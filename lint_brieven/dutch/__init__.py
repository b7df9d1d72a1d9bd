"""Knowledge of Dutch that checks share: verb forms, requests, terms and channels."""
