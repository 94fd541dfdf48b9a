"""The project's fonts for WeasyPrint alone: the other programs get the machine's font configuration back."""

from edition.support import fonts


def test_other_programs_get_the_machine_s_configuration(monkeypatch, tmp_path):
    monkeypatch.delenv(fonts.MACHINE, raising=False)
    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/machine-fonts.conf")
    fonts.confine(tmp_path)
    assert fonts.os.environ["FONTCONFIG_FILE"] == str((tmp_path / "fonts.conf").resolve())
    env = fonts.machine_env(CHROMIUM="/usr/bin/chromium")
    assert env["FONTCONFIG_FILE"] == "/etc/machine-fonts.conf" and env["CHROMIUM"] == "/usr/bin/chromium"
    assert fonts.MACHINE not in env
    fonts.confine(tmp_path / "again")  # a second confinement keeps the machine's setting, not the first one's
    assert fonts.machine_env()["FONTCONFIG_FILE"] == "/etc/machine-fonts.conf"


def test_a_machine_without_a_setting_gets_none(monkeypatch, tmp_path):
    monkeypatch.delenv(fonts.MACHINE, raising=False)
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    fonts.confine(tmp_path)
    assert "FONTCONFIG_FILE" not in fonts.machine_env()
