using Cybernode.Dockerfile.Instructions;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Tests;

public class DockerfileModelTests
{
    private static DockerfileModel Model(string text) => DockerfileModel.From(Parse.Ast(text));

    private static T Only<T>(string instruction)
        where T : Instruction =>
        Model("FROM x\n" + instruction + "\n").Stages[0].Instructions.ShouldHaveSingleItem().ShouldBeOfType<T>();

    private static DockerfileSyntaxException Rejected(string text) =>
        Should.Throw<DockerfileSyntaxException>(() => DockerfileModel.From(Parse.Ast(text)));

    [Fact]
    public void Args_before_the_first_from_are_global_and_stages_split_at_each_from()
    {
        var model = Model("ARG BASE=alpine\nARG TAG\nFROM --platform=$BUILDPLATFORM ${BASE}:${TAG} AS Build\nRUN make\nFROM scratch\nCOPY --from=build /out /\n");

        model.GlobalArgs.SelectMany(a => a.Arguments).ShouldBe([new ArgDefinition("BASE", "alpine"), new ArgDefinition("TAG", null)]);
        model.Stages.Count.ShouldBe(2);
        model.Stages[0].Index.ShouldBe(0);
        model.Stages[0].Name.ShouldBe("build");
        model.Stages[0].From.Image.ShouldBe("${BASE}:${TAG}");
        model.Stages[0].From.Platform.ShouldBe("$BUILDPLATFORM");
        model.Stages[0].Instructions.ShouldHaveSingleItem().ShouldBeOfType<RunInstruction>();
        model.Stages[1].Name.ShouldBeNull();
        model.Stages[1].Instructions.ShouldHaveSingleItem().ShouldBeOfType<CopyInstruction>().From.ShouldBe("build");
    }

    [Fact]
    public void Instruction_other_than_arg_before_from_is_rejected()
    {
        var error = Rejected("ARG A\nRUN echo\nFROM x\n");

        error.Line.ShouldBe(2);
        error.Reason.ShouldContain("no build stage in current context");
    }

    [Theory]
    [InlineData("FROM a b\n", "FROM requires either one or three arguments")]
    [InlineData("FROM a AS 1st\n", "invalid name for build stage: \"1st\", name can't start with a number or contain symbols")]
    [InlineData("FROM a\nCOPY onlyone\n", "COPY requires at least two arguments, but only one was provided. Destination could not be determined")]
    [InlineData("FROM a\nUSER\n", "USER requires exactly one argument")]
    [InlineData("FROM a\nEXPOSE\n", "EXPOSE requires at least one argument")]
    [InlineData("FROM a\nENV\n", "ENV requires at least one argument")]
    [InlineData("FROM a\nARG =x\n", "ARG names can not be blank")]
    [InlineData("FROM a\nVOLUME [\"\"]\n", "VOLUME specified can not be an empty string")]
    [InlineData("FROM a\nONBUILD\n", "ONBUILD requires at least one argument")]
    [InlineData("FROM a\nCOPY a <<EOF\nx\nEOF\n", "COPY cannot accept a heredoc as a destination")]
    public void Wrong_arguments_are_rejected_with_BuildKit_messages(string text, string reason)
    {
        Rejected(text).Reason.ShouldBe(reason);
    }

    [Theory]
    [InlineData("COPY --form=x a b", "unknown flag: form (did you mean from?)")]
    [InlineData("ADD --from=x a b", "unknown flag: from")]
    [InlineData("RUN --mount type=cache echo", "missing a value on flag: mount")]
    [InlineData("COPY --chown a b", "missing a value on flag: chown")]
    [InlineData("COPY --chown=1 --chown=2 a b", "duplicate flag specified: chown")]
    [InlineData("COPY --link=maybe a b", "expecting boolean value for flag link, not: maybe")]
    [InlineData("WORKDIR --x /a", "unknown flag: x")]
    [InlineData("ENV --x a=b", "unknown flag: x")]
    public void Flags_an_instruction_does_not_accept_are_rejected(string line, string reason)
    {
        Rejected("FROM a\n" + line + "\n").Reason.ShouldBe(reason);
    }

    [Fact]
    public void Copy_and_add_flags_are_read()
    {
        var copy = Only<CopyInstruction>("COPY --from=b --chown=1:2 --chmod=755 --link --parents --exclude=*.md --exclude=.git a b /dst/");
        copy.IsAdd.ShouldBeFalse();
        copy.Sources.ShouldBe(["a", "b"]);
        copy.Destination.ShouldBe("/dst/");
        (copy.From, copy.Chown, copy.Chmod, copy.Link, copy.Parents).ShouldBe(("b", "1:2", "755", true, true));
        copy.Excludes.ShouldBe(["*.md", ".git"]);

        var add = Only<CopyInstruction>("ADD --keep-git-dir --checksum=sha256:abc --link=false [\"https://x/y.tgz\", \"/y\"]");
        add.IsAdd.ShouldBeTrue();
        (add.KeepGitDir, add.Checksum, add.Link, add.From).ShouldBe((true, "sha256:abc", false, (string?)null));
        add.Sources.ShouldBe(["https://x/y.tgz"]);
    }

    [Fact]
    public void Copy_heredoc_sources_become_inline_files()
    {
        var copy = Only<CopyInstruction>("COPY <<one.txt src <<'two' /dst/\nfirst\none.txt\nsecond $X\ntwo");

        copy.Sources.ShouldBe(["src"]);
        copy.Heredocs.ShouldBe([new Heredoc("one.txt", "first\n", true, false), new Heredoc("two", "second $X\n", false, false)]);
    }

    [Fact]
    public void Run_reads_mounts_network_security_and_keeps_the_command_raw()
    {
        var run = Only<RunInstruction>("RUN --mount=type=cache,target=/c --mount=type=secret,id=s --network=none --security=insecure echo \"$HOME\"");

        run.Mounts.ShouldBe(["type=cache,target=/c", "type=secret,id=s"]);
        run.Network.ShouldBe("none");
        run.Security.ShouldBe("insecure");
        run.Command.ShouldBe(new CommandLine(["echo \"$HOME\""], IsExecForm: false), new CommandLineComparer());
    }

    [Fact]
    public void Exec_and_shell_forms_of_cmd_and_entrypoint()
    {
        var cmd = Only<CmdInstruction>("CMD [\"nginx\", \"-g\", \"daemon off;\"]").Command;
        cmd.IsExecForm.ShouldBeTrue();
        cmd.Words.ShouldBe(["nginx", "-g", "daemon off;"]);

        var entrypoint = Only<EntrypointInstruction>("ENTRYPOINT exec app --port $PORT").Command;
        entrypoint.IsExecForm.ShouldBeFalse();
        entrypoint.Words.ShouldBe(["exec app --port $PORT"]);
    }

    [Fact]
    public void Env_and_label_values_stay_raw()
    {
        Only<EnvInstruction>("ENV A=\"x y\" B=$A C=a\\ b").Variables.ShouldBe(
        [
            new KeyValuePair<string, string>("A", "\"x y\""),
            new KeyValuePair<string, string>("B", "$A"),
            new KeyValuePair<string, string>("C", "a\\ b"),
        ]);
        Only<LabelInstruction>("LABEL maintainer Jane Doe <j@d.io>").Variables
            .ShouldBe([new KeyValuePair<string, string>("maintainer", "Jane Doe <j@d.io>")]);
    }

    [Fact]
    public void Single_value_instructions()
    {
        Only<WorkdirInstruction>("WORKDIR /app/$NAME").Path.ShouldBe("/app/$NAME");
        Only<UserInstruction>("USER app:app").User.ShouldBe("app:app");
        Only<StopSignalInstruction>("STOPSIGNAL SIGTERM").Signal.ShouldBe("SIGTERM");
        Only<MaintainerInstruction>("MAINTAINER Jane <j@d.io>").Name.ShouldBe("Jane <j@d.io>");
        Only<ExposeInstruction>("EXPOSE 80/tcp 443").Ports.ShouldBe(["80/tcp", "443"]);
        Only<VolumeInstruction>("VOLUME /a /b").Paths.ShouldBe(["/a", "/b"]);
        Only<VolumeInstruction>("VOLUME [\"/a b\"]").Paths.ShouldBe(["/a b"]);
    }

    [Fact]
    public void Shell_must_be_a_json_array()
    {
        Only<ShellInstruction>("SHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]").Words.ShouldBe(["/bin/bash", "-eo", "pipefail", "-c"]);
        Rejected("FROM a\nSHELL /bin/bash -c\n").Reason.ShouldBe("SHELL requires the arguments to be in JSON form");
        Rejected("FROM a\nSHELL []\n").Reason.ShouldBe("SHELL requires at least one argument");
    }

    [Fact]
    public void Healthcheck_reads_none_and_cmd_with_raw_durations()
    {
        var none = Only<HealthcheckInstruction>("HEALTHCHECK NONE");
        none.IsNone.ShouldBeTrue();
        none.Test.ShouldBeNull();

        var check = Only<HealthcheckInstruction>("HEALTHCHECK --interval=1m30s --timeout=3s --start-period=0 --start-interval=500ms --retries=3 CMD curl -f http://localhost/");
        check.IsNone.ShouldBeFalse();
        check.Test.ShouldNotBeNull().Words.ShouldBe(["curl -f http://localhost/"]);
        (check.Interval, check.Timeout, check.StartPeriod, check.StartInterval, check.Retries).ShouldBe(("1m30s", "3s", "0", "500ms", (int?)3));
    }

    [Theory]
    [InlineData("HEALTHCHECK NONE extra", "HEALTHCHECK NONE takes no arguments")]
    [InlineData("HEALTHCHECK CONNECT TCP 7000", "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)")]
    [InlineData("HEALTHCHECK CMD", "Missing command after HEALTHCHECK CMD")]
    [InlineData("HEALTHCHECK --interval=5 CMD true", "time: invalid duration \"5\"")]
    [InlineData("HEALTHCHECK --interval=10us CMD true", "Interval \"interval\" cannot be less than 1ms")]
    [InlineData("HEALTHCHECK --retries=-1 CMD true", "--retries cannot be negative (-1)")]
    [InlineData("HEALTHCHECK --retries=x CMD true", "strconv.ParseInt: parsing \"x\": invalid syntax")]
    public void Bad_healthchecks_are_rejected(string line, string reason)
    {
        Rejected("FROM a\n" + line + "\n").Reason.ShouldBe(reason);
    }

    [Fact]
    public void Onbuild_keeps_the_checked_trigger_and_the_text_docker_records()
    {
        var onbuild = Only<OnbuildInstruction>("onbuild  RUN echo hi");
        onbuild.Inner.ShouldBeOfType<RunInstruction>().Command.Words.ShouldBe(["echo hi"]);
        onbuild.TriggerText.ShouldBe("RUN echo hi");

        Only<OnbuildInstruction>("ONBUILD COPY <<EOF /f\nhello\nEOF").TriggerText.ShouldBe("COPY <<EOF /f\nhello\nEOF");
        Rejected("FROM a\nONBUILD COPY --bogus=1 a b\n").Line.ShouldBe(2);
    }

    [Fact]
    public void File_with_only_global_args_has_no_stage_to_build()
    {
        Rejected("ARG A=1\n").Reason.ShouldContain("dockerfile contains no stages to build");
    }

    private sealed class CommandLineComparer : IEqualityComparer<CommandLine>
    {
        public bool Equals(CommandLine? x, CommandLine? y) =>
            x is not null && y is not null && x.IsExecForm == y.IsExecForm && x.Words.SequenceEqual(y.Words);

        public int GetHashCode(CommandLine obj) => obj.Words.Count;
    }
}
