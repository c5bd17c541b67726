using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using PilotEval.Tests.Support;

namespace PilotEval.Tests.Web.Browser;

/// <summary>
/// Debian's chromium, headless, driven through Debian's chromedriver (never a downloaded one: Selenium Manager is not
/// asked, both paths are given). Chromium gets a profile directory of its own, so on disposal every process started
/// with it can be found by that directory in its command line and killed by id if <c>Quit</c> did not end it; the
/// chromedriver is killed by its own id. Nothing it started outlives the test.
/// </summary>
public sealed class ChromeSession : IDisposable
{
    public const string ChromeDriver = "/usr/bin/chromedriver";

    /// <summary>Generous: CI is a busy 2-core machine. Waits end as soon as their condition holds.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly ChromeDriverService _service;
    private readonly TempDirectory _profile = new();

    public ChromeSession(string chromium, int width = 1440, int height = 1800)
    {
        _service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        _service.SuppressInitialDiagnosticInformation = true;
        _service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN",
            $"--window-size={width},{height}", "--force-device-scale-factor=1", "--user-data-dir=" + _profile.Path,
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update");
        try
        {
            Driver = new ChromeDriver(_service, options, Patience);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ChromeDriver Driver { get; } = null!;

    /// <summary>Where a condition on the page is awaited, never a sleep.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, string what)
    {
        var wait = new WebDriverWait(Driver, Patience) { Message = "waited for " + what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public void Go(Uri site, string path) => Driver.Navigate().GoToUrl(new Uri(site, path));

    public void Type(string id, string text)
    {
        var field = Driver.FindElement(By.Id(id));
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Clicks a submit button and waits for the page it leads to (the old page's body goes stale).</summary>
    public void Submit(string buttonId, Func<IWebDriver, bool> arrived, string what)
    {
        var body = Driver.FindElement(By.TagName("body"));
        Driver.FindElement(By.Id(buttonId)).Click();
        Until(d => IsStale(body) && arrived(d), what);
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
    }

    /// <summary>The processes of this session still running: chromedriver by its id, chromium by its profile directory.</summary>
    public IReadOnlyList<int> Survivors()
    {
        var survivors = new List<int>();
        if (_service.ProcessId > 0 && Alive(_service.ProcessId)) survivors.Add(_service.ProcessId);
        if (!Directory.Exists("/proc")) return survivors;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var command = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (command.Contains("--user-data-dir=" + _profile.Path, StringComparison.Ordinal)) survivors.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return survivors;
    }

    public void Dispose()
    {
        try
        {
            Driver?.Quit();
        }
        catch (WebDriverException)
        {
            // Quit failed (a hung browser): the processes are killed below.
        }
        finally
        {
            Driver?.Dispose();
            foreach (var pid in Survivors()) Kill(pid);
            _service.Dispose();
            _profile.Dispose();
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }
}

/// <summary>
/// A fact that drives Debian's chromium through chromedriver over the sample run: skipped, saying why, where chromium,
/// chromedriver or the samples are missing — except under CI=true, where it runs and fails naming what is missing.
/// </summary>
public sealed class ChromeDriverFactAttribute : FactAttribute
{
    public ChromeDriverFactAttribute()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return;
        if (Missing() is { } why) Skip = why;
    }

    /// <summary>Why the test cannot run here, or null.</summary>
    public static string? Missing() =>
        ExternalTools.Chromium is null ? "chromium is not installed (apt-get install -y chromium chromium-driver fonts-noto-cjk)"
        : !File.Exists(ChromeSession.ChromeDriver) ? $"chromedriver is not at {ChromeSession.ChromeDriver} (apt-get install -y chromium-driver)"
        : !Directory.Exists(RepoPaths.Samples) || !Directory.EnumerateFileSystemEntries(RepoPaths.Samples).Any() ? "submissions-sample/ is not present in this checkout"
        : null;
}
