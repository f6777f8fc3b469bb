module env.readiness/localeenv

go 1.24
